/// Synthetic Chinese names for the demo rosters: a common surname and one or two given-name
/// characters. No real person is meant.
enum DemoNames {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("建国志明海燕晓东春华秀英丽娟伟强军平桂兰玉梅德胜文静思远浩然子涵欣怡雨轩俊杰宇航佳琪梓萱一鸣家豪婷婷雪梅红霞丹凤振华立新国庆卫东爱民永红光辉敏慧颖超磊鹏飞鑫洋宁静")

    static func name(_ rng: inout SeededRandom) -> String {
        let surname = rng.pick(surnames)
        let first = rng.pick(given)
        if rng.chance(0.3) { return "\(surname)\(first)" }
        return "\(surname)\(first)\(rng.pick(given))"
    }
}
